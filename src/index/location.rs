//! Where the index lives: `--index DIR`, else `$XXGK_INDEX`, else the platform
//! data folder (`directories`), e.g. `~/.local/share/xxgk/index` on Linux.

use std::path::PathBuf;

pub fn index_dir(flag: Option<PathBuf>) -> PathBuf {
    if let Some(dir) = flag {
        return dir;
    }
    if let Some(dir) = std::env::var_os("XXGK_INDEX").filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    match directories::ProjectDirs::from("", "", "xxgk") {
        Some(dirs) => dirs.data_dir().join("index"),
        None => PathBuf::from(".xxgk-index"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_wins() {
        assert_eq!(index_dir(Some(PathBuf::from("/x"))), PathBuf::from("/x"));
    }
}
