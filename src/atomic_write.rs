//! Writing a file without ever losing or wrongly replacing one: the data goes to a temporary file
//! in the same directory, is synced, and is renamed over the destination (a crash leaves the old
//! file whole). A symbolic link is followed, so its target is written and the link stays. Only a
//! regular file (or a new one) is replaced — never a device, FIFO, socket or directory — and an
//! existing file keeps its permission bits; a new one gets the usual `0666` less the umask.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Links followed at most (as the kernel's own limit).
const MAX_LINKS: usize = 40;

/// Writes `bytes` to `path` atomically (see the module docs). The error is a Chinese sentence
/// naming the file.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    write_with(path, |w| w.write_all(bytes))
}

/// Writes what `fill` writes to `path` atomically, streaming (see the module docs): the
/// destination is replaced only when `fill` succeeds. The error is a Chinese sentence naming the
/// file.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), String> {
    let target = resolve_links(path)?;
    let existing = match std::fs::metadata(&target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(format!(
                "无法写入 {}：{}",
                target.display(),
                crate::input::io_reason(&e)
            ));
        }
    };
    if let Some(m) = &existing
        && !m.is_file()
    {
        let what = if m.is_dir() {
            "目录"
        } else {
            "设备、管道等特殊文件"
        };
        return Err(format!(
            "不会写入 {}：这是{what}，不是普通文件",
            target.display()
        ));
    }
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".gwlint-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = existing
            .as_ref()
            .map_or(0o666, |m| m.permissions().mode() & 0o7777);
        // Given to open(2): the umask applies to a new file's mode, as for any new file.
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| {
        format!(
            "无法在 {} 中创建临时文件：{}",
            dir.display(),
            crate::input::io_reason(&e)
        )
    })?;
    let reason = |e: std::io::Error| {
        format!(
            "无法写入 {}：{}",
            target.display(),
            crate::input::io_reason(&e)
        )
    };
    {
        let mut buffered = std::io::BufWriter::new(tmp.as_file_mut());
        fill(&mut buffered).map_err(reason)?;
        buffered.flush().map_err(reason)?;
    }
    if let Some(m) = &existing {
        // An existing file keeps its exact mode, whatever the umask.
        tmp.as_file()
            .set_permissions(m.permissions())
            .map_err(reason)?;
    }
    tmp.as_file().sync_all().map_err(reason)?;
    tmp.persist(&target).map_err(|e| reason(e.error))?;
    Ok(())
}

/// Follows symbolic links from `path` to the file they finally name (which may not exist yet).
fn resolve_links(path: &Path) -> Result<PathBuf, String> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&current).map_err(|e| {
                    format!(
                        "无法读取符号链接 {}：{}",
                        current.display(),
                        crate::input::io_reason(&e)
                    )
                })?;
                current = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(format!(
        "无法写入 {}：符号链接层数太多（可能是循环链接）",
        path.display()
    ))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn keeps_mode_follows_links_and_refuses_special_files() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        std::fs::write(&file, "old").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o664)).unwrap();
        write(&file, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o664);

        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("a.json", &link).unwrap();
        write(&link, b"via link").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "via link");

        let new = dir.path().join("new.json");
        write(&new, b"x").unwrap();
        assert_eq!(std::fs::read_to_string(&new).unwrap(), "x");

        let err = write(dir.path(), b"x").unwrap_err();
        assert!(err.contains("目录"), "{err}");
        if Path::new("/dev/null").exists() {
            let err = write(Path::new("/dev/null"), b"x").unwrap_err();
            assert!(err.contains("特殊文件"), "{err}");
        }
        let looped = dir.path().join("loop");
        std::os::unix::fs::symlink("loop", &looped).unwrap();
        assert!(write(&looped, b"x").unwrap_err().contains("层数太多"));
    }
}
