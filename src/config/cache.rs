//! One configuration load per configuration file, and one discovery per directory, for a whole
//! run: the directory walk (which needs each directory's `[check] extensions`) and the batch
//! (which needs each file's settings) share the same loaded [`Settings`] instead of loading and
//! building the rules two or three times.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{ConfigError, RuleFilter, Settings, discover, load};

/// The extensions checked in a directory when no configuration says otherwise.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md", "docx"];

/// Loaded configurations of a run, keyed by file (`None`: the embedded default).
#[derive(Debug)]
pub struct ConfigCache {
    filter: RuleFilter,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    by_config: HashMap<Option<PathBuf>, Result<Arc<Settings>, ConfigError>>,
}

impl ConfigCache {
    /// An empty cache whose settings apply `filter` (`--select` / `--ignore`).
    pub fn new(filter: RuleFilter) -> Self {
        ConfigCache {
            filter,
            by_dir: HashMap::new(),
            by_config: HashMap::new(),
        }
    }

    /// The `--select` / `--ignore` filter the settings apply.
    pub fn filter(&self) -> &RuleFilter {
        &self.filter
    }

    /// The configuration file that governs `dir` (found by walking up from it), looked up once
    /// per directory. `dir` should be canonical.
    pub fn discover(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(found) = self.by_dir.get(dir) {
            return found.clone();
        }
        let found = discover(dir);
        self.by_dir.insert(dir.to_path_buf(), found.clone());
        found
    }

    /// The settings of configuration file `config` (`None`: the embedded default), loaded once.
    pub fn settings(&mut self, config: Option<&Path>) -> Result<Arc<Settings>, ConfigError> {
        let key = config.map(Path::to_path_buf);
        if let Some(loaded) = self.by_config.get(&key) {
            return loaded.clone();
        }
        let loaded = read_and_load(config, &self.filter);
        self.by_config.insert(key, loaded.clone());
        loaded
    }

    /// The extensions checked in directory `dir`: those of `config` if given, else of the
    /// configuration that governs `dir`; the default when there is none or it is broken (a broken
    /// configuration is reported when the files under it are checked).
    pub fn extensions_for(&mut self, config: Option<&Path>, dir: &Path) -> Vec<String> {
        let config = match config {
            Some(c) => Some(c.to_path_buf()),
            None => {
                let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
                self.discover(&dir)
            }
        };
        match self.settings(config.as_deref()) {
            Ok(s) => s.extensions.clone(),
            Err(_) => DEFAULT_EXTENSIONS.iter().map(|e| (*e).to_owned()).collect(),
        }
    }

    /// Every configuration loaded so far, with its file.
    pub fn loaded(
        &self,
    ) -> impl Iterator<Item = (&Option<PathBuf>, &Result<Arc<Settings>, ConfigError>)> {
        self.by_config.iter()
    }

    /// How many configurations were loaded (each once).
    pub fn loads(&self) -> usize {
        self.by_config.len()
    }
}

/// Reads and loads one configuration file (`None`: the embedded default alone).
fn read_and_load(path: Option<&Path>, filter: &RuleFilter) -> Result<Arc<Settings>, ConfigError> {
    match path {
        None => load(None, filter).map(Arc::new),
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| ConfigError {
                path: p.display().to_string(),
                text: String::new(),
                span: None,
                message: format!("无法读取配置文件：{}", crate::input::io_reason(&e)),
                help: None,
            })?;
            load(Some((p, &text)), filter).map(Arc::new)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_configuration_is_loaded_once() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            dir.path().join("gwlint.toml"),
            "[check]\nextensions = [\"txt\"]\n",
        )
        .unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        let mut cache = ConfigCache::new(RuleFilter::default());
        for d in [
            root.clone(),
            root.join("a"),
            root.join("a/b"),
            root.join("a/b"),
        ] {
            assert_eq!(cache.extensions_for(None, &d), vec!["txt".to_owned()]);
        }
        let found = cache.discover(&root.join("a/b"));
        assert_eq!(found, Some(root.join("gwlint.toml")));
        let first = cache.settings(found.as_deref()).unwrap();
        let again = cache.settings(found.as_deref()).unwrap();
        assert!(Arc::ptr_eq(&first, &again), "the same load is handed out");
        assert_eq!(cache.loads(), 1);
    }

    #[test]
    fn a_broken_configuration_gives_default_extensions_and_its_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("gwlint.toml"), "[check\n").unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        let mut cache = ConfigCache::new(RuleFilter::default());
        assert_eq!(cache.extensions_for(None, &root), ["txt", "md", "docx"]);
        let found = cache.discover(&root);
        assert!(cache.settings(found.as_deref()).is_err());
        assert_eq!(cache.loads(), 1);
    }
}
