//! The bundled sample reports, read from `sample-data/` at the workspace root,
//! for tests that compare two readings of every real line.

pub fn texts() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-data");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("sample entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "sample reports in {}", dir.display());
    paths
        .iter()
        .map(|p| String::from_utf8_lossy(&std::fs::read(p).expect("sample")).into_owned())
        .collect()
}
