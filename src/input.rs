//! Reading files into text. Problems are reported with a reason, never skipped silently.

use std::io::Read;
use std::path::Path;

/// Why a file could not be checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// The file could not be opened or read.
    #[error("无法读取：{0}")]
    Io(String),
    /// The file contains NUL bytes: not a text file.
    #[error("二进制文件（含有 NUL 字节），不是文本，未检查")]
    Binary,
    /// The bytes are not UTF-8.
    #[error("不是有效的 UTF-8 文本：第 {line} 行第 {column} 列附近有无法解码的字节")]
    NotUtf8 {
        /// 1-based line of the first invalid byte.
        line: usize,
        /// 1-based character column of the first invalid byte.
        column: usize,
    },
}

impl InputError {
    /// Advice for the user.
    pub fn help(&self) -> Option<&'static str> {
        match self {
            InputError::NotUtf8 { .. } => {
                Some("请先转换为 UTF-8 再检查，例如：iconv -f GB18030 -t UTF-8 原文件 > 新文件")
            }
            InputError::Binary => Some("Word 文档请先另存为纯文本（.txt，UTF-8 编码）"),
            InputError::Io(_) => None,
        }
    }
}

/// Reads and decodes a file.
pub fn read_path(path: &Path) -> Result<String, InputError> {
    let bytes = std::fs::read(path).map_err(|e| InputError::Io(io_reason(&e)))?;
    decode(bytes)
}

/// Reads standard input.
pub fn read_stdin() -> Result<String, InputError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::Io(io_reason(&e)))?;
    decode(bytes)
}

/// Decodes bytes as UTF-8 (a BOM is dropped). Binary data and invalid UTF-8 are errors.
pub fn decode(mut bytes: Vec<u8>) -> Result<String, InputError> {
    if memchr::memchr(0, &bytes).is_some() {
        return Err(InputError::Binary);
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // SIMD validation (several times faster than the standard library's on CJK text); only
    // invalid input takes the standard path, which also says where the first bad byte is.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: `simdutf8` has just validated `bytes` as UTF-8.
        #[allow(unsafe_code)]
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
        let line = prefix.matches('\n').count() + 1;
        let column = prefix.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        InputError::NotUtf8 { line, column }
    })
}

fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "文件不存在（或是失效的符号链接）".to_owned(),
        PermissionDenied => "没有读取权限".to_owned(),
        IsADirectory => "这是目录".to_owned(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_cases() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc".to_vec()).unwrap(), "abc");
        assert_eq!(decode(b"a\0b".to_vec()), Err(InputError::Binary));
        let gbk = b"\xd6\xd0\xce\xc4".to_vec();
        assert_eq!(decode(gbk), Err(InputError::NotUtf8 { line: 1, column: 1 }));
        let mixed = "一、\n甲".bytes().chain([0xff]).collect();
        assert_eq!(
            decode(mixed),
            Err(InputError::NotUtf8 { line: 2, column: 2 })
        );
    }
}
