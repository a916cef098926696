//! Reading files into text. Problems are reported with a reason, never skipped silently.
//!
//! Encodings: a byte-order mark decides first (UTF-8, UTF-16LE/BE); then valid UTF-8 is UTF-8;
//! then UTF-16 without a BOM is recognised by its zero bytes; anything else goes to chardetng
//! (GB18030/GBK and other legacy encodings), fed the first 64 KB. A file that decodes only with
//! replacement characters is an error, never linted as garbage. `--encoding` overrides all of it.

pub(crate) mod docx;
pub(crate) mod markdown;

use std::io::Read;
use std::path::Path;

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

pub use crate::document::SourceKind;

/// Why a file could not be checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// The file could not be opened or read.
    #[error("无法读取：{0}")]
    Io(String),
    /// The file contains NUL bytes and is not UTF-16: not a text file.
    #[error("二进制文件（含有 NUL 字节），不是文本，未检查")]
    Binary,
    /// The bytes do not decode cleanly in the encoding used.
    #[error("按 {encoding} 解码失败：第 {line} 行第 {column} 列附近有无法解码的字节，未检查")]
    Undecodable {
        /// The encoding tried.
        encoding: &'static str,
        /// 1-based line of the first bad byte (in the decoded text).
        line: usize,
        /// 1-based character column of the first bad byte.
        column: usize,
        /// Whether the encoding was given with `--encoding` (else detected).
        forced: bool,
    },
    /// The bytes decode without error but into implausible text (a wrong `--encoding`).
    #[error("按 {encoding} 解码得到的大多是罕用字、私用区字符等乱码，不像正文，未检查")]
    Implausible {
        /// The encoding tried.
        encoding: &'static str,
        /// Whether the encoding was given with `--encoding`.
        forced: bool,
    },
    /// No encoding fits the bytes.
    #[error("无法识别文件的编码（不是 UTF-8、UTF-16 或 GB18030/GBK），未检查")]
    UnknownEncoding,
    /// A Word document could not be read.
    #[error("无法读取 Word 文档：{0}")]
    Docx(String),
    /// A format gwlint does not read (Word 97-2003, WPS, another zip archive), named.
    #[error("这是 {0}，gwlint 不能读取，未检查")]
    Unsupported(&'static str),
}

impl InputError {
    /// Advice for the user.
    pub fn help(&self) -> Option<&'static str> {
        match self {
            InputError::Undecodable { forced: true, .. } => Some(
                "--encoding 指定的编码与文件不符；去掉 --encoding 让 gwlint 自动识别，或换一种编码",
            ),
            InputError::Undecodable { forced: false, .. } => Some(
                "文件可能已损坏，或混用了几种编码；确认编码后用 --encoding 指定（utf-8、gb18030、utf-16le、utf-16be、big5）",
            ),
            InputError::Implausible { .. } => Some(
                "--encoding 指定的编码与文件不符；去掉 --encoding 让 gwlint 自动识别，或换一种编码",
            ),
            InputError::UnknownEncoding => Some(
                "用 --encoding 指定编码，或先转换为 UTF-8：iconv -f 原编码 -t UTF-8 原文件 > 新文件",
            ),
            InputError::Binary => Some("Word 文档请用 .docx 格式；其他格式请先另存为纯文本"),
            InputError::Docx(_) => {
                Some("确认文件是用 Word 或 WPS 保存的 .docx（不是改了扩展名的 .doc）")
            }
            InputError::Unsupported(_) => {
                Some("请用 Word 或 WPS 另存为 .docx（“文件 → 另存为 → Word 文档”），或另存为纯文本")
            }
            InputError::Io(_) => None,
        }
    }
}

/// Decoded text and how it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// Name of the encoding (`UTF-8`, `GB18030`, `UTF-16LE` …).
    pub encoding: &'static str,
}

/// A source ready to be linted: what was read, how, and the text the rules check.
///
/// Made by [`load`] / [`load_bytes`] / [`load_stdin`] from bytes (kind, encoding and byte-order
/// mark detected), or by [`SourceFile::from_text`] from text already in memory (an editor buffer,
/// a web page, a test). [`crate::lint`] checks it. Nothing here prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The name shown to the user and matched by `[[ignore]]` (a path, or `--stdin-filename`).
    pub name: String,
    /// Plain text, Markdown or Word.
    pub kind: SourceKind,
    /// The encoding the bytes were read in (`UTF-8`, `GB18030`, `UTF-16LE` …; a Word document
    /// and text given in memory: `UTF-8`).
    pub encoding: &'static str,
    /// Whether the bytes began with a byte-order mark (not part of [`SourceFile::text`]).
    pub bom: bool,
    /// The original text, the one findings point into: the decoded file (without its
    /// byte-order mark); for a Word document, its paragraphs, one per line.
    pub text: String,
    /// For a Word document: the paragraphs (0-based) numbered automatically by Word.
    pub auto_numbered: Vec<usize>,
    /// Something the user should know about how the source was read (a Word document under
    /// another extension), in Chinese; `None` when it was read as its name says.
    pub notice: Option<String>,
    /// Markdown: the prose the rules check and the map back to [`SourceFile::text`].
    markdown: Option<markdown::Prepared>,
}

impl SourceFile {
    /// A Word document's paragraphs, one per line, read from `name`.
    fn word(name: &str, d: docx::DocxText, notice: Option<String>) -> Self {
        SourceFile {
            name: name.to_owned(),
            kind: SourceKind::Docx,
            encoding: "UTF-8",
            bom: false,
            text: d.text,
            auto_numbered: d.auto_numbered,
            notice,
            markdown: None,
        }
    }

    /// A source from text in memory. `kind` is usually [`SourceKind::for_name`] of `name`; a
    /// Markdown text is prepared here (its prose separated from the syntax).
    pub fn from_text(name: impl Into<String>, text: impl Into<String>, kind: SourceKind) -> Self {
        let text = text.into();
        let markdown = (kind == SourceKind::Markdown).then(|| markdown::prepare(&text));
        SourceFile {
            name: name.into(),
            kind,
            encoding: "UTF-8",
            bom: false,
            text,
            auto_numbered: Vec::new(),
            notice: None,
            markdown,
        }
    }

    /// The text the rules check: [`SourceFile::text`], except for Markdown, where it is the
    /// prose without the syntax (see [`markdown`]).
    pub fn checked_text(&self) -> &str {
        match &self.markdown {
            Some(p) => &p.text,
            None => &self.text,
        }
    }

    /// Maps a byte range of [`SourceFile::checked_text`] into [`SourceFile::text`] (the same
    /// range, except for Markdown).
    pub fn original_span(&self, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
        match &self.markdown {
            Some(p) => p.map_span(span),
            None => span,
        }
    }

    /// The Markdown preparation, for [`crate::lint`].
    pub(crate) fn markdown(&self) -> Option<&markdown::Prepared> {
        self.markdown.as_ref()
    }
}

impl SourceKind {
    /// The kind a file name says: `.md`/`.markdown` Markdown, `.docx` Word, anything else plain
    /// text. [`load_bytes`] also looks at the content (a Word document under another name).
    pub fn for_name(name: &str) -> SourceKind {
        let lower = name.to_lowercase();
        if lower.ends_with(".docx") {
            SourceKind::Docx
        } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
            SourceKind::Markdown
        } else {
            SourceKind::Text
        }
    }
}

/// Extensions of word-processor formats gwlint cannot read (binary Word 97-2003 and WPS
/// documents): reported, never skipped, also when met while walking a directory.
pub const UNSUPPORTED_EXTENSIONS: [&str; 2] = ["doc", "wps"];

/// Reads and loads a file (`encoding`: `--encoding`, or `None` to detect); see [`load_bytes`].
/// The source is named by the path as given.
pub fn load(path: &Path, encoding: Option<&'static Encoding>) -> Result<SourceFile, InputError> {
    let bytes = std::fs::read(path).map_err(|e| InputError::Io(io_reason(&e)))?;
    load_bytes(bytes, &path.display().to_string(), encoding)
}

/// Reads standard input and loads it under `name` (`--stdin-filename`); see [`load_bytes`].
pub fn load_stdin(
    name: &str,
    encoding: Option<&'static Encoding>,
) -> Result<SourceFile, InputError> {
    if stdin_was_closed() {
        return Err(InputError::Io(
            "标准输入已关闭（如 <&-），没有可读的内容".to_owned(),
        ));
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::Io(io_reason(&e)))?;
    load_bytes(bytes, name, encoding)
}

/// Whether the process was started with standard input closed (`gwlint check - <&-`). The Rust
/// runtime puts `/dev/null`, opened read-write, on a closed standard descriptor before `main`, so
/// reading would see one clean empty file. A shell's `< /dev/null` opens it read-only. Linux only
/// (elsewhere a closed standard input reads as empty).
fn stdin_was_closed() -> bool {
    #[cfg(target_os = "linux")]
    {
        let is_null =
            std::fs::read_link("/proc/self/fd/0").is_ok_and(|p| p == Path::new("/dev/null"));
        if !is_null {
            return false;
        }
        let Ok(info) = std::fs::read_to_string("/proc/self/fdinfo/0") else {
            return false;
        };
        // `flags:` is octal; the access mode is its low two bits (2: O_RDWR).
        info.lines()
            .find_map(|l| l.strip_prefix("flags:"))
            .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
            .is_some_and(|flags| flags & 0o3 == 0o2)
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// Loads the bytes of a source named `name`: the one place where the kind of a source is
/// decided.
///
/// - Content first: a zip archive holding `word/document.xml` is a Word document whatever its
///   name (a `.docx` piped on standard input or renamed to `.txt`; [`SourceFile::notice`] says
///   so); another zip archive, or an OLE compound file (Word 97-2003 `.doc`, WPS `.wps`), is an
///   [`InputError::Unsupported`] naming the format. A file named `.doc`/`.wps` is never read as
///   text.
/// - Then the name ([`SourceKind::for_name`]): a `.docx` that is not a Word zip is an
///   [`InputError::Docx`]; Markdown and plain text are decoded ([`decode`]).
pub fn load_bytes(
    bytes: Vec<u8>,
    name: &str,
    encoding: Option<&'static Encoding>,
) -> Result<SourceFile, InputError> {
    let by_name = SourceKind::for_name(name);
    let ext = extension(name);
    match sniff(&bytes) {
        Sniffed::Docx => {
            let d = docx::extract(&bytes).map_err(InputError::Docx)?;
            let notice = (by_name != SourceKind::Docx).then(|| {
                let content = "内容是 Word 文档（.docx），按 Word 文档读取（行号即段落序号）";
                match &ext {
                    Some(ext) => format!("扩展名是 .{ext}，但{content}"),
                    None => content.to_owned(),
                }
            });
            return Ok(SourceFile::word(name, d, notice));
        }
        Sniffed::Ole(format) => {
            let named = ext.as_deref().and_then(unsupported_format);
            return Err(InputError::Unsupported(named.unwrap_or(format)));
        }
        Sniffed::Zip(format) if by_name != SourceKind::Docx => {
            return Err(InputError::Unsupported(format));
        }
        _ => {}
    }
    if let Some(format) = ext.as_deref().and_then(unsupported_format) {
        return Err(InputError::Unsupported(format));
    }
    if by_name == SourceKind::Docx {
        // Not a Word zip: say what the zip reader says.
        let d = docx::extract(&bytes).map_err(InputError::Docx)?;
        return Ok(SourceFile::word(name, d, None));
    }
    let bom = match Encoding::for_bom(&bytes) {
        Some((enc, _)) => encoding.is_none_or(|forced| forced == enc),
        None => false,
    };
    let decoded = decode(bytes, encoding)?;
    let mut source = SourceFile::from_text(name, decoded.text, by_name);
    source.encoding = decoded.encoding;
    source.bom = bom;
    Ok(source)
}

/// The lower-case extension of a name, if any.
fn extension(name: &str) -> Option<String> {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
}

/// The format an unsupported extension names, in Chinese.
fn unsupported_format(ext: &str) -> Option<&'static str> {
    match ext {
        "doc" => Some("Word 97-2003 文档（.doc）"),
        "wps" => Some("WPS 文字文档（.wps）"),
        _ => None,
    }
}

/// What the first bytes of a source say it is.
enum Sniffed {
    /// A zip archive with `word/document.xml`.
    Docx,
    /// Another zip archive: its format, in Chinese.
    Zip(&'static str),
    /// An OLE compound file (Word 97-2003, WPS, old Excel/PowerPoint): its format, in Chinese.
    Ole(&'static str),
    /// Anything else: text, or bytes that decoding judges.
    Other,
}

/// Looks at the content: zip archives (`PK\x03\x04`, or `PK\x05\x06` when empty) by their
/// entries, OLE compound files by their signature.
fn sniff(bytes: &[u8]) -> Sniffed {
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    if bytes.starts_with(OLE) {
        return Sniffed::Ole("Word 97-2003（.doc）/WPS 等旧版 Office 文件");
    }
    if !(bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")) {
        return Sniffed::Other;
    }
    let Ok(zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        // A damaged archive: a `.docx` says what is wrong; any other name calls it a zip.
        return Sniffed::Zip("zip 压缩文件（已损坏或不完整）");
    };
    let has = |entry: &str| zip.index_for_name(entry).is_some();
    if has("word/document.xml") {
        Sniffed::Docx
    } else if has("xl/workbook.xml") {
        Sniffed::Zip("Excel 工作簿（.xlsx）")
    } else if has("ppt/presentation.xml") {
        Sniffed::Zip("PowerPoint 演示文稿（.pptx）")
    } else if has("content.xml") && has("mimetype") {
        Sniffed::Zip("OpenDocument 文档（.odt 等）")
    } else {
        Sniffed::Zip("zip 压缩文件")
    }
}

/// The encoding for an `--encoding` label (`utf-8`, `gb18030`, `gbk`, `gb2312`, `utf-16le`,
/// `utf-16be`, `big5` …; WHATWG labels). GBK and GB2312 decode as GB18030, their superset.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(label.trim().as_bytes())?;
    Some(if enc == encoding_rs::GBK {
        GB18030
    } else {
        enc
    })
}

fn name(enc: &'static Encoding) -> &'static str {
    if enc == encoding_rs::GBK || enc == GB18030 {
        "GB18030"
    } else {
        enc.name()
    }
}

/// Decodes bytes (see the module docs). `forced`: the encoding named with `--encoding`.
pub fn decode(bytes: Vec<u8>, forced: Option<&'static Encoding>) -> Result<Decoded, InputError> {
    if let Some(enc) = forced {
        // A BOM of that same encoding is dropped.
        let body = match Encoding::for_bom(&bytes) {
            Some((bom_enc, len)) if bom_enc == enc => &bytes[len..],
            _ => &bytes[..],
        };
        let decoded = strict(enc, body, true)?;
        // `--encoding utf-16le` on a UTF-8 file "decodes" into rare characters without a single
        // error: a forced decoding must still read as text.
        if enc != UTF_8 && !plausible(&decoded.text) {
            return Err(InputError::Implausible {
                encoding: name(enc),
                forced: true,
            });
        }
        return Ok(decoded);
    }
    if let Some((enc, len)) = Encoding::for_bom(&bytes) {
        return strict(enc, &bytes[len..], false);
    }
    if memchr::memchr(0, &bytes).is_some() {
        // UTF-16 without a BOM: line breaks are `0A 00` (LE) or `00 0A` (BE), and most
        // characters of Chinese or ASCII text have a zero in the same half of the unit.
        for enc in [UTF_16LE, UTF_16BE] {
            let newline: &[u8] = if enc == UTF_16LE { b"\n\0" } else { b"\0\n" };
            let looks =
                bytes.len().is_multiple_of(2) && bytes.chunks_exact(2).any(|pair| pair == newline);
            if !looks {
                continue;
            }
            match strict(enc, &bytes, false) {
                Ok(d) if !d.text.contains('\0') => return Ok(d),
                Ok(_) => {}
                // One bad unit in a UTF-16 file: say where, rather than call it binary.
                Err(e) => return Err(e),
            }
        }
        return Err(InputError::Binary);
    }
    // SIMD validation (several times faster than the standard library's on CJK text).
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: `simdutf8` has just validated `bytes` as UTF-8.
        #[allow(unsafe_code)]
        return Ok(Decoded {
            text: unsafe { String::from_utf8_unchecked(bytes) },
            encoding: "UTF-8",
        });
    }
    // GB18030 that decodes cleanly into Chinese text is taken as such: GBK bytes form valid
    // UTF-8 sequences now and then, and a short GBK text can look to chardetng like EUC-KR.
    let gb = strict(GB18030, &bytes, false)
        .ok()
        .filter(|d| plausible(&d.text));
    // Mostly UTF-8 with some bad bytes (a pasted fragment, a truncated file): say where they
    // are, rather than let a legacy decoder turn the UTF-8 into mojibake. GBK text forms valid
    // UTF-8 sequences only now and then: an overwhelming majority of valid multi-byte sequences
    // means UTF-8 even when the bytes happen to decode as GB18030 too.
    // What GBK bytes happen to form as UTF-8 are mostly two-byte Latin, Greek or Cyrillic
    // letters; damaged UTF-8 is mostly well-formed Chinese.
    let (mut usual, mut odd, mut valid, mut invalid) = (0usize, 0usize, 0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars().filter(|c| !c.is_ascii()) {
            valid += c.len_utf8();
            if is_usual(c) { usual += 1 } else { odd += 1 }
        }
        invalid += chunk.invalid().len();
    }
    if usual >= invalid + odd || (gb.is_none() && valid >= 2 * invalid) {
        return strict(UTF_8, &bytes, false);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    detector.feed(sample, sample.len() == bytes.len());
    // No top-level-domain hint: a `.cn` hint turns Big5 into GBK mojibake.
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    // Traditional Chinese in Big5 also decodes as GB18030 (into the wrong characters): when
    // chardetng is sure of Big5, it wins.
    if guess == encoding_rs::BIG5
        && let Ok(d) = strict(guess, &bytes, false)
        && plausible(&d.text)
    {
        return Ok(d);
    }
    if let Some(d) = gb {
        return Ok(d);
    }
    // Only encodings that Chinese documents are written in; a guess of windows-1252 for binary
    // noise would otherwise "decode" cleanly into garbage.
    let cjk = [
        encoding_rs::GBK,
        GB18030,
        encoding_rs::BIG5,
        encoding_rs::EUC_JP,
        encoding_rs::SHIFT_JIS,
        encoding_rs::EUC_KR,
    ];
    if !cjk.contains(&guess) {
        // chardetng rules an encoding out at its first invalid sequence: a damaged GB18030 file
        // reads as Chinese text with a few bad bytes. Say where they are.
        if let Err(e) = strict(GB18030, &bytes, false) {
            let (text, _) = GB18030.decode_without_bom_handling(&bytes);
            let han = text
                .chars()
                .filter(|&c| crate::document::marks::is_han(c))
                .count();
            if han * 3 > text.chars().count() {
                return Err(e);
            }
        }
        return Err(InputError::UnknownEncoding);
    }
    strict(guess, &bytes, false)
}

/// Whether decoded text reads as text a Chinese document could hold: at least half of its
/// non-space characters are ASCII, common CJK ideographs, CJK or full-width punctuation, Latin-1,
/// general punctuation or Kana/Hangul letters of a short quotation. A wrong decoding yields
/// mostly private-use characters, rare ideograph extensions, Hangul syllables from Chinese bytes,
/// controls or replacement characters.
pub fn plausible(text: &str) -> bool {
    let (mut usual, mut total) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()).take(64 * 1024) {
        total += 1;
        usual += usize::from(is_usual(c));
    }
    total == 0 || usual * 2 >= total
}

/// A character of the ranges [`plausible`] expects in a Chinese document.
fn is_usual(c: char) -> bool {
    let u = c as u32;
    matches!(u,
            0x21..=0x7E                // ASCII
            | 0xA0..=0xFF              // Latin-1
            | 0x2000..=0x206F          // general punctuation (“ ” — …)
            | 0x2150..=0x218F          // number forms (Ⅰ Ⅱ)
            | 0x2460..=0x24FF          // enclosed numbers (① ⑴)
            | 0x2500..=0x257F          // box drawing (tables)
            | 0x25A0..=0x25FF          // shapes (■ ○ ×-like marks)
            | 0x3000..=0x303F          // CJK punctuation
            | 0x3040..=0x30FF          // kana
            | 0x3200..=0x33FF          // enclosed CJK, CJK compatibility (㈠ ㎡)
            | 0x4E00..=0x9FFF          // CJK unified ideographs
            | 0xFE30..=0xFE4F          // CJK compatibility forms
            | 0xFF00..=0xFFEF          // full-width forms
    )
}

/// Decodes `body` (no BOM) with `enc`; replacement characters make it an error that says where.
fn strict(enc: &'static Encoding, body: &[u8], forced: bool) -> Result<Decoded, InputError> {
    let (text, had_errors) = enc.decode_without_bom_handling(body);
    if had_errors {
        let bad = text.find('\u{FFFD}').unwrap_or(0);
        let prefix = &text[..bad];
        let line = prefix.matches('\n').count() + 1;
        let column = prefix.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        return Err(InputError::Undecodable {
            encoding: name(enc),
            line,
            column,
            forced,
        });
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: name(enc),
    })
}

/// An operating-system error in Chinese, with the system's error code kept for whoever has to
/// look it up (`没有读取权限（系统错误码 13）`).
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let what = match e.kind() {
        NotFound => "文件不存在（或是失效的符号链接）",
        PermissionDenied => "没有权限",
        IsADirectory => "这是目录",
        NotADirectory => "路径中有一段不是目录",
        AlreadyExists => "文件已存在",
        StorageFull => "磁盘空间已满",
        QuotaExceeded => "超出磁盘配额",
        ReadOnlyFilesystem => "文件系统是只读的",
        FileTooLarge => "文件太大",
        BrokenPipe => "输出管道已关闭",
        InvalidFilename => "文件名无效或太长",
        TimedOut => "操作超时",
        Interrupted => "操作被中断",
        OutOfMemory => "内存不足",
        UnexpectedEof => "文件意外结束",
        ResourceBusy => "文件正忙",
        CrossesDevices => "不能跨文件系统移动",
        // `read_to_string` of a file that is not UTF-8 (a configuration file).
        InvalidData if e.to_string().contains("UTF-8") => "不是 UTF-8 编码的文本",
        _ => match e.raw_os_error() {
            Some(40) => "符号链接层数太多（可能是循环链接）",
            Some(9) => "文件描述符无效（标准输入或输出已关闭）",
            Some(5) => "读写出错（磁盘或设备故障）",
            Some(24) => "同时打开的文件太多",
            _ => "",
        },
    };
    match (what, e.raw_os_error()) {
        ("", Some(code)) => format!("系统错误（系统错误码 {code}）"),
        ("", None) => format!("系统错误：{e}"),
        (what, Some(code)) => format!("{what}（系统错误码 {code}）"),
        (what, None) => what.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(enc: &'static Encoding, text: &str) -> Vec<u8> {
        if enc == UTF_16LE || enc == UTF_16BE {
            let units = text.encode_utf16();
            return if enc == UTF_16LE {
                units.flat_map(u16::to_le_bytes).collect()
            } else {
                units.flat_map(u16::to_be_bytes).collect()
            };
        }
        enc.encode(text).0.into_owned()
    }

    /// A minimal Word document: a zip with `word/document.xml` holding `paragraphs`.
    fn docx(paragraphs: &[&str]) -> Vec<u8> {
        use std::io::Write;
        let body: String = paragraphs
            .iter()
            .map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"))
            .collect();
        let xml = format!(
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn kind_by_name_and_content() {
        let word = docx(&["一、总体要求", "二、主要任务"]);
        for (name, notice) in [
            ("a.docx", None),
            ("a.DOCX", None),
            (
                "a.txt",
                Some(
                    "扩展名是 .txt，但内容是 Word 文档（.docx），按 Word 文档读取（行号即段落序号）",
                ),
            ),
            (
                "<stdin>",
                Some("内容是 Word 文档（.docx），按 Word 文档读取（行号即段落序号）"),
            ),
            (
                "a.doc",
                Some(
                    "扩展名是 .doc，但内容是 Word 文档（.docx），按 Word 文档读取（行号即段落序号）",
                ),
            ),
        ] {
            let s = load_bytes(word.clone(), name, None).unwrap();
            assert_eq!(
                (s.kind, s.text.as_str()),
                (SourceKind::Docx, "一、总体要求\n二、主要任务")
            );
            assert_eq!((s.name.as_str(), s.notice.as_deref()), (name, notice));
        }
        let md = load_bytes("## 一、总体要求\n".as_bytes().to_vec(), "a.md", None).unwrap();
        assert_eq!(md.kind, SourceKind::Markdown);
        assert_eq!(md.checked_text(), "一、总体要求\n");
        assert_eq!(md.original_span(0..6), 3..9);
        let txt = load_bytes(b"\xEF\xBB\xBFtext".to_vec(), "a", None).unwrap();
        assert_eq!(
            (txt.kind, txt.bom, txt.text.as_str()),
            (SourceKind::Text, true, "text")
        );
        assert_eq!(txt.checked_text(), "text");
        assert!(!load_bytes(b"text".to_vec(), "a", None).unwrap().bom);
    }

    #[test]
    fn unsupported_formats_are_named() {
        let ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0".to_vec();
        let err = |bytes: &[u8], name: &str| load_bytes(bytes.to_vec(), name, None).unwrap_err();
        assert_eq!(
            err(&ole, "a.doc").to_string(),
            "这是 Word 97-2003 文档（.doc），gwlint 不能读取，未检查"
        );
        assert_eq!(
            err(&ole, "a.wps"),
            InputError::Unsupported("WPS 文字文档（.wps）")
        );
        assert_eq!(
            err(&ole, "a.txt"),
            InputError::Unsupported("Word 97-2003（.doc）/WPS 等旧版 Office 文件")
        );
        // A renamed .doc keeps its advice when named .docx.
        assert!(matches!(err(&ole, "a.docx"), InputError::Unsupported(_)));
        // A .doc that is text is still not read as text.
        assert!(matches!(
            err("一、甲".as_bytes(), "a.doc"),
            InputError::Unsupported(_)
        ));
        assert!(err(&ole, "a.doc").help().unwrap().contains("另存为 .docx"));
        // A zip without word/document.xml.
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        let xlsx = zip.finish().unwrap().into_inner();
        assert_eq!(
            err(&xlsx, "a.txt"),
            InputError::Unsupported("Excel 工作簿（.xlsx）")
        );
        assert!(
            matches!(err(&xlsx, "a.docx"), InputError::Docx(m) if m.contains("word/document.xml"))
        );
        assert!(matches!(
            err(b"PK\x03\x04 broken", "a.docx"),
            InputError::Docx(_)
        ));
    }

    #[test]
    fn encodings() {
        let text = "一、总体要求\r\n出台意见》，拼博精神。\n二、主要任务 地表水V类\n";
        let d = decode(text.as_bytes().to_vec(), None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-8"));
        let bom: Vec<u8> = b"\xEF\xBB\xBF"
            .iter()
            .copied()
            .chain(text.bytes())
            .collect();
        assert_eq!(decode(bom, None).unwrap().text, text);
        let gb = encode(GB18030, text);
        let d = decode(gb.clone(), None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "GB18030"));
        for (enc, bom) in [(UTF_16LE, &b"\xFF\xFE"[..]), (UTF_16BE, &b"\xFE\xFF"[..])] {
            let with: Vec<u8> = bom.iter().copied().chain(encode(enc, text)).collect();
            let d = decode(with, None).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (text, name(enc)));
            let without = decode(encode(enc, text), None).unwrap();
            assert_eq!(without.text, text);
        }
        // Forced.
        let d = decode(gb.clone(), encoding_for_label("gbk")).unwrap();
        assert_eq!(d.text, text);
        assert!(matches!(
            decode(gb, encoding_for_label("utf-8")),
            Err(InputError::Undecodable { forced: true, .. })
        ));
    }

    #[test]
    fn short_gbk_is_gb18030() {
        for text in ["持举措，实施一批重大项目", "8枚金牌", "一、总体要求"] {
            let d = decode(encode(GB18030, text), None).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (text, "GB18030"));
        }
    }

    #[test]
    fn a_wrong_forced_encoding_is_an_error() {
        let utf8 = "一、总体要求。坚持以人民为中心的发展思想，推动高质量发展。\n"
            .as_bytes()
            .to_vec();
        assert!(matches!(
            decode(utf8.clone(), Some(UTF_16LE)),
            Err(InputError::Implausible { forced: true, .. } | InputError::Undecodable { .. })
        ));
        assert!(matches!(
            decode(utf8[..utf8.len() - 1].to_vec(), Some(UTF_16LE)),
            Err(InputError::Implausible { forced: true, .. } | InputError::Undecodable { .. })
        ));
        let even = "一、总体要求和主要目标。\n".repeat(4).into_bytes();
        let even = even[..even.len() / 2 * 2].to_vec();
        assert!(matches!(
            decode(even, Some(UTF_16LE)),
            Err(InputError::Implausible { forced: true, .. } | InputError::Undecodable { .. })
        ));
        assert!(decode(encode(UTF_16LE, "一、总体要求\n"), Some(UTF_16LE)).is_ok());
        assert!(plausible("一、总体要求（2021年）“十四五”规划 ①"));
    }

    #[test]
    fn damaged_utf16_without_bom_says_where() {
        let mut bytes = encode(UTF_16LE, "一、总体要求\n二、主要任务\n");
        // An unpaired low surrogate in line 2.
        bytes.extend([0x00, 0xDC, b'\n', 0]);
        match decode(bytes, None) {
            Err(InputError::Undecodable {
                encoding: "UTF-16LE",
                line: 3,
                ..
            }) => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bad_input() {
        assert_eq!(decode(b"a\0b".to_vec(), None), Err(InputError::Binary));
        // Valid GB18030 lead byte followed by an invalid trail byte at line 2.
        let body = "一、总体要求和主要目标任务。坚持以人民为中心的发展思想，推动经济社会高质量发展。\n二、";
        let mut gb = encode(GB18030, body);
        gb.extend([0x81, 0x20, b'\n']);
        match decode(gb, None) {
            Err(InputError::Undecodable {
                encoding: "GB18030",
                line: 2,
                column: 3,
                forced: false,
            }) => {}
            other => panic!("{other:?}"),
        }
        let mixed: Vec<u8> = "一、总体要求和主要目标任务\n甲乙丙丁"
            .bytes()
            .chain([0xff])
            .collect();
        assert!(matches!(
            decode(mixed, None),
            Err(InputError::Undecodable { line: 2, .. }) | Err(InputError::UnknownEncoding)
        ));
    }
}
