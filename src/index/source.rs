//! Where a report comes from: a file, or a sample built into the binary; the
//! key it is stored under and the path it shows as; finding files in folders.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// Extensions read when walking folders.
pub const EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "html", "htm", "docx", "doc", "wps", "pdf",
];

/// Where a report comes from.
pub enum Source {
    File(PathBuf),
    /// A sample built into the binary: (display path, bytes).
    Bundled(String, &'static [u8]),
}

pub const BUNDLED_PREFIX: &str = "bundled:";

/// The path a key shows as: a bundled sample's without its prefix.
pub fn display_path(key: &str) -> &str {
    key.strip_prefix(BUNDLED_PREFIX).unwrap_or(key)
}

/// The keys a shown path may be indexed under: a file's, or a bundled sample's.
pub fn keys_for(display_path: &str) -> [String; 2] {
    [
        display_path.to_string(),
        format!("{BUNDLED_PREFIX}{display_path}"),
    ]
}

impl Source {
    /// The file's modification time in seconds since 1970 (0 when unknown
    /// or bundled).
    pub(crate) fn modified(&self) -> u64 {
        match self {
            Source::File(p) => std::fs::metadata(p)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_secs()),
            Source::Bundled(..) => 0,
        }
    }

    /// The identity stored in the index.
    pub(crate) fn key(&self) -> String {
        match self {
            Source::File(p) => std::fs::canonicalize(p)
                .unwrap_or_else(|_| p.clone())
                .to_string_lossy()
                .into_owned(),
            Source::Bundled(name, _) => format!("{BUNDLED_PREFIX}{name}"),
        }
    }

    /// The path reports and hits show: the canonical path of a file, the
    /// repository path of a bundled sample.
    pub fn display(&self) -> String {
        display_path(&self.key()).to_string()
    }

    pub(crate) fn bytes(&self) -> std::io::Result<Cow<'static, [u8]>> {
        match self {
            Source::File(p) => std::fs::read(p).map(Cow::Owned),
            Source::Bundled(_, b) => Ok(Cow::Borrowed(b)),
        }
    }
}

/// Files under `paths` (folders recursively, by extension; named files always).
/// Paths that cannot be read are returned as failures.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(String, String)>) {
    let (files, failed, _) = collect_files_counted(paths);
    (files, failed)
}

/// What a folder walk passed over, by kind.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Skipped {
    /// Files whose extension is not a report format.
    pub other_kinds: usize,
    /// Symbolic links to folders (not followed: they can loop).
    pub linked_folders: usize,
}

/// As [`collect_files`], with what the walk skipped counted.
pub fn collect_files_counted(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(String, String)>, Skipped) {
    let mut files = Vec::new();
    let mut failed = Vec::new();
    let mut skipped = Skipped::default();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut files, &mut failed, &mut skipped),
            Ok(_) => files.push(p.clone()),
            Err(e) => failed.push((p.display().to_string(), e.to_string())),
        }
    }
    files.sort();
    files.dedup();
    (files, failed, skipped)
}

fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    failed: &mut Vec<(String, String)>,
    skipped: &mut Skipped,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            failed.push((dir.display().to_string(), e.to_string()));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, files, failed, skipped);
        } else if kind.is_symlink() && path.is_dir() {
            skipped.linked_folders += 1;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            files.push(path);
        } else if !path
            .file_name()
            .and_then(|n| n.to_str())
            // Hidden files, and the .toml of sidecars and aliases, are not passed over.
            .is_some_and(|n| n.starts_with('.') || n.ends_with(".toml"))
        {
            skipped.other_kinds += 1;
        }
    }
}
